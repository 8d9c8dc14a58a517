package io.tideway.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
}
