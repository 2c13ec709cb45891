# A called module's values files are not read: acl stays as the call sets it.
acl = "public-read-write"
