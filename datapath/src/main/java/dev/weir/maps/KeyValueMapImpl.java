package dev.weir.maps;

import dev.weir.api.maps.KeyValueMap;
import dev.weir.api.maps.MapDef;

/**
 * A map with keys and values whose user-space operations are its element operations at offset
 * 0; per-CPU maps override them to move every CPU's value.
 */
abstract class KeyValueMapImpl extends MapImpl implements KeyValueMap {
    KeyValueMapImpl(MapDef def) {
        super(def);
    }

    @Override
    public int userLookup(byte[] key, byte[] value) {
        return lookup(key, 0, value, 0);
    }

    @Override
    public int userUpdate(byte[] key, byte[] value, long flags) {
        return update(key, 0, value, 0, flags);
    }

    @Override
    public int userDelete(byte[] key) {
        return delete(key, 0);
    }

    @Override
    public int userGetNextKey(byte[] key, byte[] nextKey) {
        return getNextKey(key, 0, nextKey, 0);
    }
}
