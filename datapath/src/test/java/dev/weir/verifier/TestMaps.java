package dev.weir.verifier;

import dev.weir.api.maps.CounterLikeMap;
import java.util.HashMap;
import java.util.Map;

/**
 * TEST-ONLY map registry until dev.weir.maps lands on main: create-or-get by name, like pinning.
 */
final class TestMaps implements MapBinder {
    static final class Counters implements CounterLikeMap {
        final Map<Long, Long> values = new HashMap<>();

        @Override
        public long lookupLong(long key) {
            return values.getOrDefault(key, 0L);
        }

        @Override
        public void updateLong(long key, long value) {
            values.put(key, value);
        }
    }

    final Map<String, Object> byName = new HashMap<>();

    @Override
    public Object bind(MapDeclaration declaration, Class<?> fieldType) {
        if (fieldType != CounterLikeMap.class) {
            throw new IllegalArgumentException("no map implements " + fieldType.getName());
        }
        return byName.computeIfAbsent(declaration.name(), n -> new Counters());
    }
}
