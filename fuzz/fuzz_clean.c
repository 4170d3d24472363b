/* fuzz/fuzz_clean.c: libFuzzer target for the cleaning stage (ingest/clean.c, meta.c,
 * segment.c): any bytes in, and the doc must hold its own invariants out. */
#include "ingest/doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void clean_check_range(struct ingest_range r, size_t len)
{
    if (r.start > r.end || r.end > len)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ingest_doc doc = {0};

    if (ingest_clean((const char *)data, size, &doc) != 0)
        return 0;
    if (doc.clean == NULL || doc.clean[doc.clean_len] != '\0' || strlen(doc.clean) != doc.clean_len)
        abort();
    for (size_t i = 0; i < doc.paragraph_count; i++)
        clean_check_range(doc.paragraphs[i].clean, doc.clean_len);
    for (size_t i = 0; i < doc.sentence_count; i++) {
        clean_check_range(doc.sentences[i].clean, doc.clean_len);
        if (doc.sentences[i].paragraph >= doc.paragraph_count)
            abort();
    }
    for (size_t i = 0; i < doc.removed_count; i++)
        clean_check_range(doc.removed[i].raw, size);
    if (doc.clean_to_raw) {
        for (size_t i = 0; i <= doc.clean_len; i++)
            if (doc.clean_to_raw[i] > size)
                abort();
    }
    ingest_doc_clear(&doc);
    ingest_doc_clear(&doc); /* safe twice */
    return 0;
}
