package io.eventyard.broker.scenario.harness;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs every test of the annotated class once per {@link BrokerTargets#selected() selected target}. The class
 * takes the {@link BrokerTarget} as its constructor's only argument; the target is closed after the class has
 * run against it.
 *
 * <pre>{@code
 * @ForEachBrokerTarget
 * class QueueScenarioIT {
 *     @RegisterExtension final Scenario scenario;
 *     QueueScenarioIT(BrokerTarget target) { scenario = new Scenario(target); }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedClass(name = "{0}")
@MethodSource("io.eventyard.broker.scenario.harness.BrokerTargets#selected")
public @interface ForEachBrokerTarget {
}
