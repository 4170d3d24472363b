/* server/cache.c: the response cache: a hash table of keys to prepared libmicrohttpd responses
 * with an LRU list, under one mutex. libmicrohttpd counts references on a response, so one
 * response object is queued on many connections at once (the "persistent response" of
 * ../shared/notes: the fastest way to answer). */
#include "server/cache.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/conv.h"

#define CACHE_ENTRY_OVERHEAD 256 /* struct, key, headers: counted against the budget */

struct cache_entry {
    char *key;
    uint64_t hash;
    struct MHD_Response *resp, *not_modified;
    char etag[CONV_ETAG_SIZE];
    size_t bytes, cost;
    struct cache_entry *next_in_bucket, *lru_prev, *lru_next;
};

struct srv_cache {
    pthread_mutex_t lock;
    struct cache_entry **buckets;
    size_t bucket_count;
    struct cache_entry *lru_head, *lru_tail; /* head: most recently used */
    size_t bytes, max_bytes, entries;
    uint64_t hits, misses, inserts, evictions;
};

static uint64_t cache_hash(const char *s)
{
    uint64_t h = 14695981039346656037ull;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

struct srv_cache *srv_cache_new(size_t max_bytes)
{
    struct srv_cache *cache;

    if (max_bytes == 0)
        return NULL;
    cache = calloc(1, sizeof(*cache));
    if (!cache)
        return NULL;
    cache->bucket_count = 4096;
    cache->buckets = calloc(cache->bucket_count, sizeof(*cache->buckets));
    if (!cache->buckets) {
        free(cache);
        return NULL;
    }
    cache->max_bytes = max_bytes;
    pthread_mutex_init(&cache->lock, NULL);
    return cache;
}

static void cache_entry_free(struct cache_entry *e)
{
    MHD_destroy_response(e->resp);
    MHD_destroy_response(e->not_modified);
    free(e->key);
    free(e);
}

void srv_cache_free(struct srv_cache *cache)
{
    if (!cache)
        return;
    while (cache->lru_head) {
        struct cache_entry *e = cache->lru_head;
        cache->lru_head = e->lru_next;
        cache_entry_free(e);
    }
    pthread_mutex_destroy(&cache->lock);
    free(cache->buckets);
    free(cache);
}

static void cache_lru_unlink(struct srv_cache *cache, struct cache_entry *e)
{
    if (e->lru_prev)
        e->lru_prev->lru_next = e->lru_next;
    else
        cache->lru_head = e->lru_next;
    if (e->lru_next)
        e->lru_next->lru_prev = e->lru_prev;
    else
        cache->lru_tail = e->lru_prev;
    e->lru_prev = e->lru_next = NULL;
}

static void cache_lru_push_front(struct srv_cache *cache, struct cache_entry *e)
{
    e->lru_prev = NULL;
    e->lru_next = cache->lru_head;
    if (cache->lru_head)
        cache->lru_head->lru_prev = e;
    cache->lru_head = e;
    if (!cache->lru_tail)
        cache->lru_tail = e;
}

static struct cache_entry *cache_find(struct srv_cache *cache, const char *key, uint64_t h)
{
    for (struct cache_entry *e = cache->buckets[h % cache->bucket_count]; e;
         e = e->next_in_bucket)
        if (e->hash == h && strcmp(e->key, key) == 0)
            return e;
    return NULL;
}

static void cache_evict_tail(struct srv_cache *cache)
{
    struct cache_entry *e = cache->lru_tail, **link;

    link = &cache->buckets[e->hash % cache->bucket_count];
    while (*link != e)
        link = &(*link)->next_in_bucket;
    *link = e->next_in_bucket;
    cache_lru_unlink(cache, e);
    cache->bytes -= e->cost;
    cache->entries--;
    cache->evictions++;
    cache_entry_free(e); /* responses still queued elsewhere keep their own reference */
}

unsigned srv_cache_serve(struct srv_cache *cache, const char *key, struct MHD_Connection *conn,
                         const char *if_none_match, size_t *bytes)
{
    uint64_t h;
    struct cache_entry *e;
    unsigned status = 0;

    if (!cache)
        return 0;
    h = cache_hash(key);
    pthread_mutex_lock(&cache->lock);
    e = cache_find(cache, key, h);
    if (e) {
        int fresh = if_none_match && conv_etag_matches(if_none_match, e->etag);
        status = fresh ? 304 : 200;
        if (MHD_queue_response(conn, status, fresh ? e->not_modified : e->resp) != MHD_YES)
            status = 0;
        *bytes = fresh ? 0 : e->bytes;
        cache_lru_unlink(cache, e);
        cache_lru_push_front(cache, e);
        cache->hits++;
    } else {
        cache->misses++;
    }
    pthread_mutex_unlock(&cache->lock);
    return status;
}

int srv_cache_put(struct srv_cache *cache, const char *key, struct MHD_Response *resp,
                  struct MHD_Response *not_modified, const char *etag, size_t bytes)
{
    struct cache_entry *e;
    uint64_t h;
    size_t cost;

    if (!cache || !resp || !not_modified)
        return 0;
    cost = bytes + strlen(key) + CACHE_ENTRY_OVERHEAD;
    if (cost > cache->max_bytes / 4)
        return 0; /* one huge body would flush everything else */
    e = calloc(1, sizeof(*e));
    if (!e)
        return 0;
    e->key = strdup(key);
    if (!e->key) {
        free(e);
        return 0;
    }
    h = cache_hash(key);
    e->hash = h;
    e->bytes = bytes;
    e->cost = cost;
    snprintf(e->etag, sizeof(e->etag), "%s", etag);
    pthread_mutex_lock(&cache->lock);
    if (cache_find(cache, key, h)) {
        pthread_mutex_unlock(&cache->lock);
        free(e->key);
        free(e);
        return 0;
    }
    e->resp = resp;
    e->not_modified = not_modified;
    while (cache->lru_tail && cache->bytes + cost > cache->max_bytes)
        cache_evict_tail(cache);
    e->next_in_bucket = cache->buckets[h % cache->bucket_count];
    cache->buckets[h % cache->bucket_count] = e;
    cache_lru_push_front(cache, e);
    cache->bytes += cost;
    cache->entries++;
    cache->inserts++;
    pthread_mutex_unlock(&cache->lock);
    return 1;
}

void srv_cache_stats(struct srv_cache *cache, struct srv_cache_stats *out)
{
    memset(out, 0, sizeof(*out));
    if (!cache)
        return;
    pthread_mutex_lock(&cache->lock);
    out->hits = cache->hits;
    out->misses = cache->misses;
    out->inserts = cache->inserts;
    out->evictions = cache->evictions;
    out->entries = cache->entries;
    out->bytes = cache->bytes;
    out->max_bytes = cache->max_bytes;
    pthread_mutex_unlock(&cache->lock);
}
