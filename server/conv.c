/* server/conv.c: pure HTTP convention helpers (see conv.h). */
#include "server/conv.h"

#include <ctype.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

/* 64-bit FNV-1a: fast, and the body is our own immutable data, so collisions need no
 * resistance to an adversary; it only has to change when the body changes. */
static uint64_t conv_fnv1a(const char *s, size_t len)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

void conv_etag(const char *body, size_t len, int gzip, char out[CONV_ETAG_SIZE])
{
    snprintf(out, CONV_ETAG_SIZE, "\"%016llx%s\"", (unsigned long long)conv_fnv1a(body, len),
             gzip ? "-gz" : "");
}

int conv_etag_matches(const char *inm, const char *etag)
{
    const char *tag = etag;
    size_t tag_len = strlen(etag);

    if (!inm)
        return 0;
    while (*inm) {
        const char *start, *end;
        while (*inm == ' ' || *inm == '\t' || *inm == ',')
            inm++;
        if (*inm == '*')
            return 1;
        if (strncmp(inm, "W/", 2) == 0)
            inm += 2;
        if (*inm != '"')
            return 0; /* malformed: no match, the client gets a full response */
        start = inm;
        end = strchr(inm + 1, '"');
        if (!end)
            return 0;
        if ((size_t)(end + 1 - start) == tag_len && memcmp(start, tag, tag_len) == 0)
            return 1;
        inm = end + 1;
    }
    return 0;
}

int conv_accepts_gzip(const char *ae)
{
    int star = -1, gzip = -1;

    if (!ae)
        return 0;
    while (*ae) {
        const char *tok, *semi, *end;
        size_t len;
        double q = 1.0;

        while (*ae == ' ' || *ae == '\t' || *ae == ',')
            ae++;
        if (!*ae)
            break;
        tok = ae;
        end = strchr(ae, ',');
        if (!end)
            end = ae + strlen(ae);
        semi = memchr(tok, ';', (size_t)(end - tok));
        len = (size_t)((semi ? semi : end) - tok);
        while (len && (tok[len - 1] == ' ' || tok[len - 1] == '\t'))
            len--;
        if (semi) {
            const char *qp = semi + 1;
            while (qp < end && (*qp == ' ' || *qp == '\t'))
                qp++;
            if (qp + 1 < end && (qp[0] == 'q' || qp[0] == 'Q') && qp[1] == '=')
                q = strtod(qp + 2, NULL);
        }
        if (len == 4 && strncasecmp(tok, "gzip", 4) == 0)
            gzip = q > 0;
        else if (len == 6 && strncasecmp(tok, "x-gzip", 6) == 0)
            gzip = q > 0;
        else if (len == 1 && *tok == '*')
            star = q > 0;
        ae = end;
    }
    return gzip >= 0 ? gzip : star > 0;
}

int conv_gzip(const char *in, size_t len, char **out, size_t *out_len)
{
    z_stream zs;
    size_t cap = compressBound((uLong)len) + 32;
    char *buf = malloc(cap);

    *out = NULL;
    if (!buf)
        return -1;
    memset(&zs, 0, sizeof(zs));
    /* windowBits 15 + 16: a gzip wrapper instead of zlib's. Level 6: zlib's default balance. */
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(buf);
        return -1;
    }
    zs.next_in = (Bytef *)(uintptr_t)in;
    zs.avail_in = (uInt)len;
    zs.next_out = (Bytef *)buf;
    zs.avail_out = (uInt)cap;
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END) {
        deflateEnd(&zs);
        free(buf);
        return -1;
    }
    *out_len = zs.total_out;
    deflateEnd(&zs);
    *out = buf;
    return 0;
}

static const char conv_b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

char *conv_b64url_encode(const unsigned char *in, size_t len)
{
    char *out = malloc(len / 3 * 4 + 5), *p = out;
    size_t i = 0;

    if (!out)
        return NULL;
    for (; i + 2 < len; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        *p++ = conv_b64[v >> 18];
        *p++ = conv_b64[(v >> 12) & 63];
        *p++ = conv_b64[(v >> 6) & 63];
        *p++ = conv_b64[v & 63];
    }
    if (len - i == 1) {
        uint32_t v = (uint32_t)in[i] << 16;
        *p++ = conv_b64[v >> 18];
        *p++ = conv_b64[(v >> 12) & 63];
    } else if (len - i == 2) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
        *p++ = conv_b64[v >> 18];
        *p++ = conv_b64[(v >> 12) & 63];
        *p++ = conv_b64[(v >> 6) & 63];
    }
    *p = '\0';
    return out;
}

static int conv_b64_value(char c)
{
    const char *p = c ? strchr(conv_b64, c) : NULL;
    return p ? (int)(p - conv_b64) : -1;
}

int conv_b64url_decode(const char *in, unsigned char **out, size_t *out_len)
{
    size_t len = strlen(in), n = 0;
    unsigned char *buf;
    uint32_t acc = 0;
    int bits = 0;

    *out = NULL;
    if (len % 4 == 1)
        return -1;
    buf = malloc(len / 4 * 3 + 3);
    if (!buf)
        return -1;
    for (size_t i = 0; i < len; i++) {
        int v = conv_b64_value(in[i]);
        if (v < 0) {
            free(buf);
            return -1;
        }
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            buf[n++] = (unsigned char)(acc >> bits);
        }
    }
    /* Canonical form only: the bits left over must be zero. */
    if (acc & ((1u << bits) - 1)) {
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    *out = buf;
    *out_len = n;
    return 0;
}

/* A cursor is base64url(JSON ["v1", sort, desc, key|null, id]). It is opaque to clients:
 * they get it from next_cursor and send it back unchanged. */
char *conv_cursor_encode(const char *sort, int desc, const char *key, const char *id)
{
    json_t *arr = json_pack("[s s b s? s]", "v1", sort, desc, key, id);
    char *json, *out;

    if (!arr)
        return NULL;
    json = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    if (!json)
        return NULL;
    out = conv_b64url_encode((const unsigned char *)json, strlen(json));
    free(json);
    return out;
}

int conv_cursor_decode(const char *cursor, char **sort, int *desc, char **key, char **id)
{
    unsigned char *raw = NULL;
    size_t raw_len = 0;
    json_t *arr = NULL;
    const char *v, *s, *i;
    json_t *k = NULL;
    int d, rc = -1;

    *sort = *key = *id = NULL;
    if (strlen(cursor) > 4096 || conv_b64url_decode(cursor, &raw, &raw_len) != 0)
        goto out;
    arr = json_loadb((const char *)raw, raw_len, JSON_REJECT_DUPLICATES, NULL);
    if (!arr || json_unpack(arr, "[s s b o s !]", &v, &s, &d, &k, &i) != 0 ||
        strcmp(v, "v1") != 0 || !(json_is_string(k) || json_is_null(k)))
        goto out;
    *sort = strdup(s);
    *key = json_is_string(k) ? strdup(json_string_value(k)) : NULL;
    *id = strdup(i);
    *desc = d;
    if (!*sort || !*id || (json_is_string(k) && !*key)) {
        free(*sort);
        free(*key);
        free(*id);
        *sort = *key = *id = NULL;
        goto out;
    }
    rc = 0;
out:
    json_decref(arr);
    free(raw);
    return rc;
}

int conv_origin_allowed(const char *allowed, const char *origin)
{
    size_t olen;

    if (!origin)
        return 0;
    if (strcmp(allowed, "*") == 0)
        return 1;
    olen = strlen(origin);
    while (*allowed) {
        const char *end = strchr(allowed, ',');
        size_t len;
        while (*allowed == ' ')
            allowed++;
        if (!end)
            end = allowed + strlen(allowed);
        len = (size_t)(end - allowed);
        while (len && allowed[len - 1] == ' ')
            len--;
        if (len == olen && strncasecmp(allowed, origin, len) == 0)
            return 1;
        allowed = *end ? end + 1 : end;
    }
    return 0;
}

char *conv_query_escape(const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    char *out = malloc(strlen(s) * 3 + 1), *p = out;

    if (!out)
        return NULL;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            *p++ = (char)c;
        } else {
            *p++ = '%';
            *p++ = hex[c >> 4];
            *p++ = hex[c & 15];
        }
    }
    *p = '\0';
    return out;
}
