package io.eventyard.broker.http.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PublishTargetTest {

    @Test
    void decodesEachSegmentWithPlusKeptAsPlus() {
        assertThat(PublishTarget.parse("/%2F/amq.topic/order.a+b%2Fc%20d"))
                .isEqualTo(new PublishTarget("/", "amq.topic", "order.a+b/c d"));
    }

    @Test
    void readsAnEmptyOrAmqDefaultExchangeAsTheDefaultExchange() {
        assertThat(PublishTarget.parse("/shop//orders").exchange()).isEmpty();
        assertThat(PublishTarget.parse("/shop/amq.default/orders").exchange()).isEmpty();
    }

    @Test
    void readsAnEmptyLastSegmentAsTheEmptyRoutingKey() {
        assertThat(PublishTarget.parse("/shop/amq.fanout/").routingKey()).isEmpty();
    }

    @Test
    void refusesAPathWithoutExactlyThreeSegmentsWith404() {
        assertThatThrownBy(() -> PublishTarget.parse("/shop/amq.direct"))
                .isInstanceOfSatisfying(PublishProblem.class,
                        problem -> assertThat(problem.status().getCode()).isEqualTo(404));
        assertThatThrownBy(() -> PublishTarget.parse("/a/b/c/d")).isInstanceOf(PublishProblem.class);
    }

    @Test
    void leavesTheOtherEndpointsPathsAlone() {
        assertThatThrownBy(() -> PublishTarget.parse("/api/vhosts/shop"))
                .isInstanceOfSatisfying(PublishProblem.class,
                        problem -> assertThat(problem.getMessage()).contains("reserved"));
    }

    @Test
    void refusesBrokenPercentEncodingWith400() {
        assertThatThrownBy(() -> PublishTarget.parse("/%ZZ/amq.direct/k"))
                .isInstanceOfSatisfying(PublishProblem.class,
                        problem -> assertThat(problem.status().getCode()).isEqualTo(400));
    }
}
