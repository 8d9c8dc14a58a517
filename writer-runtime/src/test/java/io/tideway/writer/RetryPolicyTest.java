package io.tideway.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 6);

    @Test
    void doublesTheBackoffUpToTheMaximum() {
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoffAfter(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.backoffAfter(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoffAfter(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void allowsAttemptsUpToTheMaximumInAll() {
        assertThat(policy.allowsAnotherAfter(5)).isTrue();
        assertThat(policy.allowsAnotherAfter(6)).isFalse();
    }

    @Test
    void refusesAMaximumBelowTheInitialBackoff() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1), 3))
                .hasMessageContaining("initial <= max");
    }

    @Test
    void waitsTheLongerOfTheBackoffAndASuggestedDelayCappedAtTheMaximum() {
        assertThat(policy.delayAfter(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delayAfter(5, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofHours(2)))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayAfter(2, Optional.of(Duration.ZERO))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void carriesASuggestedDelayOnRetriableFailuresOnly() {
        assertThat(DeliveryException.retriable("busy", null, Duration.ofSeconds(2)).retryAfter())
                .contains(Duration.ofSeconds(2));
        assertThat(DeliveryException.retriable("busy", null).retryAfter()).isEmpty();
        assertThat(DeliveryException.retriable("busy", null, Duration.ofSeconds(-1)).retryAfter()).isEmpty();
        assertThat(DeliveryException.permanent("gone").retryAfter()).isEmpty();
    }
}
