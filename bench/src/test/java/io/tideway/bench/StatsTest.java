package io.tideway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsTest {

    private static List<Integer> oneTo(int n) {
        List<Integer> values = new ArrayList<>(IntStream.rangeClosed(1, n).boxed().toList());
        java.util.Collections.shuffle(values, new java.util.Random(7));
        return values;
    }

    @Test
    void percentilesAreNearestRankSamples() {
        List<Integer> samples = oneTo(200);
        assertThat(Stats.percentile(samples, 50)).isEqualTo(100);
        assertThat(Stats.percentile(samples, 99)).isEqualTo(198);
        assertThat(Stats.percentile(samples, 100)).isEqualTo(200);
        assertThat(Stats.percentile(List.of(42), 99)).isEqualTo(42);
        assertThat(Stats.percentile(List.of(3, 1, 2), 50)).isEqualTo(2);
        assertThat(Stats.percentile(List.of(5, 1), 1)).isEqualTo(1);
    }

    @Test
    void percentileRefusesNonsense() {
        assertThatThrownBy(() -> Stats.percentile(List.of(), 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(List.of(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratiosAndRates() {
        assertThat(Stats.ratio(30, 20)).isEqualTo(1.5);
        assertThat(Stats.ratio(1, 0)).isNaN();
        assertThat(Stats.perSecond(60, 12_000)).isEqualTo(5.0);
        assertThat(Stats.megabytesPerSecond(300_000_000L, 2_000)).isEqualTo(150.0);
        assertThat(Stats.times(2.7)).isEqualTo("2.70×");
        assertThat(Stats.times(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void gcLogFigures() {
        MemoryBench.GcFigures gc = MemoryBench.GcFigures.parse(List.of(
                "[0.512s][info][gc] GC(0) Pause Young (Allocation Failure) 17M->3M(61M) 4.500ms",
                "[1.000s][info][gc] GC(1) Pause Full (Allocation Failure) 200M->120M(247M) 80.000ms",
                "[1.100s][info][gc] GC(2) Pause Young (Allocation Failure) 150M->130M(247M) 5.500ms",
                "[1.100s][info][gc] Using Serial"));
        assertThat(gc.peakBefore()).isEqualTo(200L << 20);
        assertThat(gc.peakAfter()).isEqualTo(120L << 20);
        assertThat(gc.peakCommitted()).isEqualTo(247L << 20);
        assertThat(gc.young()).isEqualTo(2);
        assertThat(gc.full()).isEqualTo(1);
        assertThat(gc.pauseMs()).isEqualTo(90.0);
    }
}
