package io.tideway.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Which schedules are due when: each schedule's next run time, ordered, so that a punctuation touches only the
 * schedules that are due instead of scanning all of them. Rescheduling or removing a key leaves its old entry in
 * the queue, discarded when it comes up. Held in memory by one task and rebuilt from its stores when it starts.
 */
final class DueIndex {

    private record Entry(long dueAt, String key) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> Long.compare(a.dueAt, b.dueAt));
    private final Map<String, Long> current = new HashMap<>();

    /** The schedule {@code key} is next due at {@code dueAtMillis} (replacing any earlier entry). */
    void put(String key, long dueAtMillis) {
        current.put(key, dueAtMillis);
        queue.add(new Entry(dueAtMillis, key));
        if (queue.size() > 2 * current.size() + 1024) {
            compact();
        }
    }

    void remove(String key) {
        current.remove(key);
    }

    /** Removes and returns the keys due at or before {@code nowMillis}, earliest first. */
    List<String> takeDue(long nowMillis) {
        List<String> due = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().dueAt <= nowMillis) {
            Entry entry = queue.poll();
            Long at = current.get(entry.key);
            if (at != null && at == entry.dueAt) {
                current.remove(entry.key);
                due.add(entry.key);
            }
        }
        return due;
    }

    int size() {
        return current.size();
    }

    private void compact() {
        queue.clear();
        current.forEach((key, at) -> queue.add(new Entry(at, key)));
    }
}
