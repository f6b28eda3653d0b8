package io.raftsim.sim.engine;

import java.util.Arrays;

/**
 * A binary min-heap of events ordered by (time, sequence), with each event's position kept
 * in the event so a timer can be re-armed or cancelled in O(log n) without leaving a
 * tombstone behind. Written out rather than using {@code PriorityQueue} because that class
 * removes arbitrary elements in O(n).
 */
final class EventQueue {
    private Event[] heap = new Event[256];
    private int size;

    int size() {
        return size;
    }

    Event peek() {
        return size == 0 ? null : heap[0];
    }

    void add(Event event) {
        assert event.heapIndex < 0 : "event queued twice";
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = event;
        event.heapIndex = size;
        size++;
        siftUp(event.heapIndex);
    }

    Event poll() {
        if (size == 0) {
            return null;
        }
        Event first = heap[0];
        removeAt(0);
        return first;
    }

    void remove(Event event) {
        if (event.heapIndex >= 0) {
            assert heap[event.heapIndex] == event : "heap index out of date";
            removeAt(event.heapIndex);
        }
    }

    /** Restores heap order after a queued event's time and sequence were changed in place. */
    void reorder(Event event) {
        int index = event.heapIndex;
        siftUp(index);
        if (event.heapIndex == index) {
            siftDown(index);
        }
    }

    private void removeAt(int index) {
        Event removed = heap[index];
        removed.heapIndex = -1;
        size--;
        if (index != size) {
            Event last = heap[size];
            heap[index] = last;
            last.heapIndex = index;
            heap[size] = null;
            reorder(last);
        } else {
            heap[size] = null;
        }
    }

    private static boolean before(Event a, Event b) {
        return a.timeMicros < b.timeMicros || (a.timeMicros == b.timeMicros && a.seq < b.seq);
    }

    private void siftUp(int index) {
        Event event = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            Event parentEvent = heap[parent];
            if (!before(event, parentEvent)) {
                break;
            }
            heap[index] = parentEvent;
            parentEvent.heapIndex = index;
            index = parent;
        }
        heap[index] = event;
        event.heapIndex = index;
    }

    private void siftDown(int index) {
        Event event = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            Event childEvent = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], childEvent)) {
                child = right;
                childEvent = heap[child];
            }
            if (!before(childEvent, event)) {
                break;
            }
            heap[index] = childEvent;
            childEvent.heapIndex = index;
            index = child;
        }
        heap[index] = event;
        event.heapIndex = index;
    }
}
