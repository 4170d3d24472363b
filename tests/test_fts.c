/* tests/test_fts.c: the safe search syntax and its translation to FTS5 (store/fts.c). */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "tests/unit.h"

static void want(const char *query, const char *expected)
{
    char *out = NULL, err[128] = "";
    int rc = store_fts_translate(query, &out, err, sizeof(err));

    CHECK(rc == 0);
    if (rc != 0)
        fprintf(stderr, "  query [%s]: %s\n", query, err);
    CHECK_STR(out, expected);
    free(out);
}

static void refuse(const char *query, const char *reason)
{
    char *out = NULL, err[128] = "";
    CHECK(store_fts_translate(query, &out, err, sizeof(err)) != 0);
    CHECK(out == NULL);
    CHECK(strstr(err, reason) != NULL);
}

int main(void)
{
    want("okinawa", "\"okinawa\"");
    want("  Futenma   base ", "(\"Futenma\" AND \"base\")");
    want("\"security treaty\"", "\"security treaty\"");
    want("alli*", "\"alli\"*");
    want("\"mutual sec\"*", "\"mutual sec\"*");
    want("kerry OR hagel", "(\"kerry\" OR \"hagel\")");
    want("treaty -china", "(\"treaty\") NOT \"china\"");
    want("treaty -\"one china\"", "(\"treaty\") NOT \"one china\"");
    /* FTS5 syntax is only text here. */
    want("NEAR(a b)", "(\"NEAR(a\" AND \"b)\")");
    want("title:japan", "\"title:japan\"");
    want("a AND b", "(\"a\" AND \"AND\" AND \"b\")");
    want("say \"hi", "(\"say\" AND \"hi\")");           /* unbalanced quote: to the end */
    want("she said \"\"\"", "(\"she\" AND \"said\")"); /* empty phrases dropped */
    want("x\x01y", "(\"x\" AND \"y\")"); /* control characters separate words */
    want("U.S.-Japan", "\"U.S.-Japan\"");
    want("日本", "\"日本\"");
    want("OR kerry", "\"kerry\"");                       /* a leading OR has nothing to join */
    want("- minus", "\"minus\"");                        /* a lone '-' is punctuation */
    want("a\"b", "(\"a\" AND \"b\")");
    /* Typographic quotation marks open and close phrases like '"'. */
    want("\u201csecurity treaty\u201d", "\"security treaty\"");
    want("\u201ejoint exercise\u201c*", "\"joint exercise\"*");
    want("\u00aballiance partners\u00bb", "\"alliance partners\"");
    want("\u300c\u65e5\u7c73\u540c\u76df\u300d", "\"\u65e5\u7c73\u540c\u76df\"");
    want("treaty -\u201cone china\u201d", "(\"treaty\") NOT \"one china\"");
    want("\u201cunclosed phrase", "\"unclosed phrase\"");
    want("a\u201cb\u201dc", "(\"a\" AND \"b\" AND \"c\")");
    want("it\u2019s", "\"it\u2019s\""); /* an apostrophe is not a quotation mark */
    /* Terms FTS5 finds no token in are dropped, whatever the script of the punctuation. */
    want("radar \u2014 site", "(\"radar\" AND \"site\")");
    want("radar \u2026 \u203b \u3001 \uff01", "\"radar\"");
    want("\u2014radar\u2014", "\"\u2014radar\u2014\"");
    want("\u5c0f\u91ce\u5bfa*", "\"\u5c0f\u91ce\u5bfa\"*");
    want("\u014cnodera", "\"\u014cnodera\"");
    refuse("\u2014 \u2026 \u201c\u201d", "at least one word");
    refuse("\u300c\u300d", "at least one word");
    refuse("", "at least one word");
    refuse("   ", "at least one word");
    refuse("+++ ---", "at least one word");
    refuse("-china", "not excluded");
    {
        char big[5000];
        memset(big, 'a', sizeof(big) - 1);
        big[sizeof(big) - 1] = '\0';
        refuse(big, "longer than");
    }
    {
        char many[400] = "";
        for (int i = 0; i < 40; i++)
            strcat(many, "w ");
        refuse(many, "more than");
    }
    return unit_done("test_fts");
}
