package dev.wspair.autoconfigure;

import dev.wspair.objects.ObjectNamespace;
import dev.wspair.objects.ObjectNamespaces;
import dev.wspair.objects.testing.Counter;

import org.springframework.context.annotation.Bean;

/**
 * An application that declares one Durable Object namespace, {@code counters}, as a bean; given to
 * context runners with {@code withUserConfiguration}. Not a {@code @Configuration}, so the test
 * applications' component scans of this package skip it.
 */
public class CounterConfiguration {

    @Bean
    ObjectNamespace<Counter> counters(ObjectNamespaces namespaces) {
        return namespaces.create("counters", Counter::new);
    }
}
