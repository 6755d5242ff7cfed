package dev.wspair.autoconfigure.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of wspair's Micrometer meters ({@code wspair.metrics.*}).
 */
@ConfigurationProperties("wspair.metrics")
public class WspairMetricsProperties {

    /**
     * Whether to record wspair's meters and usage when a MeterRegistry is present.
     */
    private boolean enabled = true;

    /**
     * Most distinct route templates that get their own meters. Connections on further routes are
     * not metered, and a warning is logged once.
     */
    private int maxRouteTags = 100;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxRouteTags() {
        return this.maxRouteTags;
    }

    public void setMaxRouteTags(int maxRouteTags) {
        this.maxRouteTags = maxRouteTags;
    }
}
