/* fuzz/fuzz_extract.c: libFuzzer target for the extraction stages on their own, past the
 * cleaning stage that fuzz_pipeline must get through first: entity matching (gazetteer from
 * data/entities.jsonl), quote pairing (statements) and meeting mentions, on a clean text made
 * from the input the way ingest_clean() shapes one (valid UTF-8, paragraphs joined by "\n\n",
 * white space collapsed inside them). The first byte picks the document date and dateline.
 * Offsets out must lie inside the clean text; mentions must be sorted and not overlap. */
#include "ingest/doc.h"
#include "ingest/entities.h"
#include "ingest/ingest.h"
#include "ingest/meetings.h"
#include "ingest/quotes.h"
#include "fuzz/fuzz_gazetteer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ingest_gazetteer *extract_gz;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    extract_gz = fuzz_gazetteer_load("fuzz_extract");
    return 0;
}

/* Shapes text[0..len) into doc->clean as the cleaning stage would. Returns 0, or -1. */
static int extract_make_clean(const char *text, size_t len, struct ingest_doc *doc)
{
    char *out = malloc(len + 1);
    size_t n = 0, i = 0;

    if (!out)
        return -1;
    while (i < len) {
        const char *brk = memmem(text + i, len - i, "\n\n", 2);
        size_t end = brk ? (size_t)(brk - text) : len, start = n;
        int space = 0;
        if (n > 0) {
            out[n++] = '\n';
            out[n++] = '\n';
            start = n;
        }
        for (; i < end; i++) {
            char c = text[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') {
                space = n > start;
                continue;
            }
            if (space)
                out[n++] = ' ';
            space = 0;
            out[n++] = c;
        }
        if (n == start) /* an empty paragraph: take its separator back */
            n = start >= 2 ? start - 2 : 0;
        i = end + 2;
    }
    out[n] = '\0';
    doc->clean = out;
    doc->clean_len = n;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const dates[] = {NULL, "2013-10-03", "2006-05", "1996", "2024-02-29"};
    static const char *const datelines[] = {NULL, "TOKYO", "WASHINGTON", "Naha"};
    struct ingest_doc doc = {0};
    const char *text = (const char *)data + 1, *date, *dateline;
    size_t len, bad;

    if (size < 1)
        return 0;
    len = size - 1;
    date = dates[data[0] % 5];
    dateline = datelines[(data[0] >> 4) % 4];
    if (memchr(text, '\0', len) || !ingest_utf8_valid(text, len, &bad))
        return 0; /* the cleaning stage never hands these on */
    if (extract_make_clean(text, len, &doc) != 0 || ingest_segment_doc(&doc) != 0)
        goto out;
    fuzz_extract_stages(extract_gz, &doc, date, dateline);
out:
    ingest_doc_clear(&doc);
    return 0;
}
