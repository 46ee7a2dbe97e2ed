"""Protected journals' keys: recovery keys, key slots and the key file beside a journal."""
