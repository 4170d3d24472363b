/* server/cache.h: reuse of rendered responses. The data never changes while serving, so a
 * response built once (body, gzip, ETag, headers) is queued again for every request with the
 * same normalized key. Bounded in bytes (least recently used out first), safe under
 * concurrency. Ownership: the cache holds one reference to each response it keeps. */
#ifndef TWOPLUS_CACHE_H
#define TWOPLUS_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct srv_cache;
struct MHD_Connection;
struct MHD_Response;

/* A cache of at most max_bytes of bodies. Returns NULL on OOM; max_bytes 0 gives NULL too
 * (no cache), and every function below accepts a NULL cache as "always miss". */
struct srv_cache *srv_cache_new(size_t max_bytes);
void srv_cache_free(struct srv_cache *cache);

/* If key is cached, queues its response on conn (or its 304 when if_none_match matches the
 * ETag) and returns the status queued (200 or 304), with the body size in *bytes; returns 0
 * on a miss. The lookup and the queueing happen under the cache lock, so an entry cannot be
 * evicted between them. */
unsigned srv_cache_serve(struct srv_cache *cache, const char *key, struct MHD_Connection *conn,
                         const char *if_none_match, size_t *bytes);

/* Keeps resp (status 200, body of bytes bytes, strong etag) and its 304 form under key.
 * Returns 1 when the cache took both responses (it destroys them on eviction; the caller must
 * not), 0 when it did not (too large, key already present, no cache, OOM): the caller still
 * owns them. */
int srv_cache_put(struct srv_cache *cache, const char *key, struct MHD_Response *resp,
                   struct MHD_Response *not_modified, const char *etag, size_t bytes);

struct srv_cache_stats {
    uint64_t hits, misses, inserts, evictions;
    size_t entries, bytes, max_bytes;
};
void srv_cache_stats(struct srv_cache *cache, struct srv_cache_stats *out);

#endif
