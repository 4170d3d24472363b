/* fuzz/fuzz_conv.c: libFuzzer target for the request-side parsers of server/conv.c:
 * cursors, base64url, If-None-Match, Accept-Encoding, CORS origin lists, query escaping.
 * A decoded cursor must encode back to the same cursor. */
#include "server/conv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1), *sort = NULL, *key = NULL, *id = NULL, *again = NULL;
    unsigned char *raw = NULL;
    size_t raw_len = 0;
    int desc = 0;
    const char *split;

    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0'; /* HTTP gives the parsers NUL-terminated strings: embedded NULs cut there */
    if (conv_cursor_decode(s, &sort, &desc, &key, &id) == 0) {
        if (!sort || !id)
            abort();
        again = conv_cursor_encode(sort, desc, key, id);
        if (again && strcmp(again, s) != 0) {
            /* not canonical: it must at least decode to the same fields */
            char *sort2 = NULL, *key2 = NULL, *id2 = NULL;
            int desc2 = 0;
            if (conv_cursor_decode(again, &sort2, &desc2, &key2, &id2) != 0 ||
                strcmp(sort, sort2) != 0 || strcmp(id, id2) != 0 || desc != desc2 ||
                (key == NULL) != (key2 == NULL) || (key && strcmp(key, key2) != 0))
                abort();
            free(sort2);
            free(key2);
            free(id2);
        }
    }
    if (conv_b64url_decode(s, &raw, &raw_len) == 0) {
        char *enc = conv_b64url_encode(raw, raw_len);
        if (enc && strcmp(enc, s) != 0)
            abort(); /* strict decoding accepts only canonical text */
        free(enc);
    }
    split = strchr(s, '\n');
    if (split) {
        char *left = strndup(s, (size_t)(split - s));
        if (left) {
            (void)conv_etag_matches(left, split + 1);
            (void)conv_origin_allowed(left, split + 1);
            free(left);
        }
    } else {
        char etag[CONV_ETAG_SIZE];
        conv_etag(s, strlen(s), size & 1, etag);
        if (!conv_etag_matches(etag, etag) || !conv_etag_matches("*", etag))
            abort();
    }
    (void)conv_accepts_gzip(s);
    free(conv_query_escape(s));
    free(again);
    free(raw);
    free(sort);
    free(key);
    free(id);
    free(s);
    return 0;
}
