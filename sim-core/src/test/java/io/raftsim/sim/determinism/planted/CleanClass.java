package io.raftsim.sim.determinism.planted;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/** Deterministic code of the kinds simulation code is made of; the scanner must find nothing here. */
public final class CleanClass {
    record Point(int x, int y) {
    }

    String work(List<Integer> input) {
        TreeMap<String, Integer> sorted = new TreeMap<>();
        LinkedHashMap<String, Integer> ordered = new LinkedHashMap<>();
        List<Point> points = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int value : input) {
            sorted.put("k" + value, Math.abs(value));
            ordered.put("k" + value, value);
            points.add(new Point(value, value));
        }
        return text.append(sorted).append(ordered).append(points).append(List.copyOf(points)).toString();
    }
}
