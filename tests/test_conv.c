/* tests/test_conv.c: the pure HTTP convention helpers of server/conv.c. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "server/conv.h"
#include "tests/unit.h"

static void test_etag(void)
{
    char a[CONV_ETAG_SIZE], b[CONV_ETAG_SIZE], gz[CONV_ETAG_SIZE];

    conv_etag("hello", 5, 0, a);
    conv_etag("hellp", 5, 0, b);
    conv_etag("hello", 5, 1, gz);
    CHECK(strlen(a) == 18 && a[0] == '"' && a[17] == '"');
    CHECK(strcmp(a, b) != 0);
    CHECK(strcmp(a, gz) != 0 && strstr(gz, "-gz\""));
    CHECK(conv_etag_matches(a, a));
    CHECK(conv_etag_matches("*", a));
    CHECK(!conv_etag_matches(b, a));
    CHECK(!conv_etag_matches(NULL, a));
    CHECK(!conv_etag_matches("", a));
    {
        char list[80], weak[40];
        snprintf(list, sizeof(list), "\"x\", %s", a);
        CHECK(conv_etag_matches(list, a));
        snprintf(weak, sizeof(weak), "W/%s", a);
        CHECK(conv_etag_matches(weak, a));
    }
    CHECK(!conv_etag_matches("garbage", a));
    CHECK(!conv_etag_matches("\"unterminated", a));
}

static void test_accepts_gzip(void)
{
    CHECK(conv_accepts_gzip("gzip"));
    CHECK(conv_accepts_gzip("deflate, gzip;q=0.5"));
    CHECK(conv_accepts_gzip("GZIP"));
    CHECK(conv_accepts_gzip("*"));
    CHECK(conv_accepts_gzip("br, *;q=0.1"));
    CHECK(!conv_accepts_gzip("gzip;q=0"));
    CHECK(!conv_accepts_gzip("gzip; q=0.0"));
    CHECK(!conv_accepts_gzip("*, gzip;q=0"));
    CHECK(!conv_accepts_gzip("identity"));
    CHECK(!conv_accepts_gzip(""));
    CHECK(!conv_accepts_gzip(NULL));
    CHECK(!conv_accepts_gzip("gzipx"));
}

static void test_gzip_roundtrip(void)
{
    char in[5000], *out = NULL, back[6000];
    size_t out_len = 0;
    z_stream zs = {0};

    for (size_t i = 0; i < sizeof(in); i++)
        in[i] = "two-plus-two "[i % 13];
    CHECK(conv_gzip(in, sizeof(in), &out, &out_len) == 0);
    CHECK(out_len > 10 && out_len < sizeof(in) / 4);
    CHECK(out && (unsigned char)out[0] == 0x1f && (unsigned char)out[1] == 0x8b);
    CHECK(inflateInit2(&zs, 15 + 16) == Z_OK);
    zs.next_in = (unsigned char *)out;
    zs.avail_in = (unsigned)out_len;
    zs.next_out = (unsigned char *)back;
    zs.avail_out = sizeof(back);
    CHECK(inflate(&zs, Z_FINISH) == Z_STREAM_END);
    CHECK(zs.total_out == sizeof(in) && memcmp(back, in, sizeof(in)) == 0);
    inflateEnd(&zs);
    free(out);
}

static void test_b64(void)
{
    static const char *const plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    static const char *const coded[] = {"", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"};
    for (size_t i = 0; i < 7; i++) {
        char *e = conv_b64url_encode((const unsigned char *)plain[i], strlen(plain[i]));
        unsigned char *d = NULL;
        size_t n = 0;
        CHECK_STR(e, coded[i]);
        CHECK(conv_b64url_decode(coded[i], &d, &n) == 0 && n == strlen(plain[i]) &&
              memcmp(d, plain[i], n) == 0);
        free(e);
        free(d);
    }
    {
        unsigned char bytes[] = {0xfb, 0xff, 0xfe};
        char *e = conv_b64url_encode(bytes, 3);
        CHECK_STR(e, "-__-"); /* the URL-safe alphabet */
        free(e);
    }
    {
        unsigned char *d = NULL;
        size_t n;
        CHECK(conv_b64url_decode("Zm9v+", &d, &n) != 0); /* not URL-safe */
        CHECK(conv_b64url_decode("Zh", &d, &n) != 0);    /* non-zero padding bits */
        CHECK(conv_b64url_decode("Z", &d, &n) != 0);     /* impossible length */
        CHECK(conv_b64url_decode("Zm9v=", &d, &n) != 0); /* padding is not accepted */
    }
}

static void test_cursor(void)
{
    char *c = conv_cursor_encode("title", 1, "Ünïcode \"quoted\" key", "doc-7");
    char *sort, *key, *id;
    int desc = 0;

    CHECK(c != NULL && strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
                           strlen(c));
    CHECK(conv_cursor_decode(c, &sort, &desc, &key, &id) == 0);
    CHECK_STR(sort, "title");
    CHECK_STR(key, "Ünïcode \"quoted\" key");
    CHECK_STR(id, "doc-7");
    CHECK(desc == 1);
    free(sort);
    free(key);
    free(id);
    free(c);

    c = conv_cursor_encode("published", 0, NULL, "x");
    CHECK(conv_cursor_decode(c, &sort, &desc, &key, &id) == 0 && key == NULL && desc == 0);
    free(sort);
    free(id);
    free(c);

    /* Forged or truncated cursors are refused. */
    {
        static const char *const forged[] = {
            "", "AAAA", "bnVsbA",                         /* "null" */
            "WyJ2MSJd",                                   /* ["v1"] */
            "WyJ2MiIsImlkIixmYWxzZSwiYSIsImEiXQ",         /* version v2 */
            "WyJ2MSIsImlkIiwxLCJhIiwiYSJd",               /* desc not a boolean */
            "WyJ2MSIsImlkIixmYWxzZSwiYSIsImEiLDFd",       /* an extra element */
        };
        for (size_t i = 0; i < sizeof(forged) / sizeof(forged[0]); i++) {
            CHECK(conv_cursor_decode(forged[i], &sort, &desc, &key, &id) != 0);
            CHECK(sort == NULL && key == NULL && id == NULL);
        }
    }
    {
        char *good = conv_cursor_encode("id", 0, "abc", "abc");
        size_t n = strlen(good);
        good[n - 3] = '\0'; /* truncated */
        CHECK(conv_cursor_decode(good, &sort, &desc, &key, &id) != 0);
        free(good);
    }
}

static void test_origins(void)
{
    CHECK(conv_origin_allowed("*", "https://a.example"));
    CHECK(!conv_origin_allowed("*", NULL));
    CHECK(conv_origin_allowed("https://a.example, https://b.example", "https://b.example"));
    CHECK(conv_origin_allowed("https://a.example,https://b.example", "https://a.example"));
    CHECK(!conv_origin_allowed("https://a.example", "https://a.example.evil"));
    CHECK(!conv_origin_allowed("https://a.example", "https://a.exampl"));
    CHECK(!conv_origin_allowed("https://a.example", "null"));
}

static void test_query_escape(void)
{
    char *e = conv_query_escape("a b&c=d/é~");
    CHECK_STR(e, "a%20b%26c%3Dd%2F%C3%A9~");
    free(e);
}

int main(void)
{
    test_etag();
    test_accepts_gzip();
    test_gzip_roundtrip();
    test_b64();
    test_cursor();
    test_origins();
    test_query_escape();
    return unit_done("test_conv");
}
