/* server/conv.h: the HTTP conventions that are pure functions (ETag, content negotiation,
 * gzip, cursors, CORS origin lists), kept apart from libmicrohttpd so they can be unit tested
 * and fuzzed. Strings returned through out-parameters are the caller's to free(). */
#ifndef TWOPLUS_CONV_H
#define TWOPLUS_CONV_H

#include <stddef.h>

#define CONV_ETAG_SIZE 24
/* A strong entity tag for body, with its quotes: "\"0123456789abcdef\""; gzip adds "-gz"
 * inside the quotes, since the compressed representation is another entity. */
void conv_etag(const char *body, size_t len, int gzip, char out[CONV_ETAG_SIZE]);

/* True if an If-None-Match header value matches etag ("*", a list, W/ prefixes allowed:
 * If-None-Match uses the weak comparison of RFC 9110 13.1.2). */
int conv_etag_matches(const char *if_none_match, const char *etag);

/* True if an Accept-Encoding header value allows gzip (q-values honoured; "*" counts). */
int conv_accepts_gzip(const char *accept_encoding);

/* gzip-compresses in[0..len). Returns 0 with a malloc'd *out of *out_len bytes, or -1. */
int conv_gzip(const char *in, size_t len, char **out, size_t *out_len);

/* base64url without padding. Returns a malloc'd string, or NULL on OOM. */
char *conv_b64url_encode(const unsigned char *in, size_t len);
/* Decodes base64url (no padding, strict alphabet). Returns 0 with a malloc'd, NUL-terminated
 * *out of *out_len bytes, or -1 for anything that is not canonical base64url. */
int conv_b64url_decode(const char *in, unsigned char **out, size_t *out_len);

/* An opaque pagination cursor naming the sort, its direction and the last row's key and id.
 * key may be NULL (a row with no sort value). Returns a malloc'd cursor or NULL on OOM. */
char *conv_cursor_encode(const char *sort, int desc, const char *key, const char *id);
/* Decodes a cursor made by conv_cursor_encode(). Returns 0 and malloc'd *sort, *key, *id
 * (key may come back NULL), or -1 if it is malformed or was tampered with. */
int conv_cursor_decode(const char *cursor, char **sort, int *desc, char **key, char **id);

/* True if origin is allowed by the --cors-origin list ("*", or comma-separated origins). */
int conv_origin_allowed(const char *allowed, const char *origin);

/* Percent-encodes s for a URL query component (RFC 3986 unreserved stay). malloc'd or NULL. */
char *conv_query_escape(const char *s);

#endif
