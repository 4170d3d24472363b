/* fuzz/fuzz_gazetteer.h: what the extraction targets (fuzz_extract, fuzz_pipeline) share: the
 * gazetteer, loaded once from $TWOPLUS_GAZETTEER or data/entities.jsonl, and the check that an
 * output range lies inside the text. Header-only: tools/fuzz builds each target from one file. */
#ifndef TWOPLUS_FUZZ_GAZETTEER_H
#define TWOPLUS_FUZZ_GAZETTEER_H

#include <stdio.h>
#include <stdlib.h>

#include "ingest/doc.h"
#include "ingest/entities.h"

/* The gazetteer for target (named in the error), or exit(2) when it cannot be loaded. */
static struct ingest_gazetteer *fuzz_gazetteer_load(const char *target)
{
    const char *path = getenv("TWOPLUS_GAZETTEER");
    struct ingest_gazetteer *gz = NULL;
    char err[512];

    if (!path)
        path = "data/entities.jsonl";
    if (ingest_gazetteer_load(path, &gz, err, sizeof(err)) != 0) {
        fprintf(stderr, "%s: %s (run from the source root or set TWOPLUS_GAZETTEER)\n", target,
                err);
        exit(2);
    }
    return gz;
}

/* Aborts (a finding for libFuzzer) unless r lies inside a text of len bytes. */
static void fuzz_check_range(struct ingest_range r, size_t len)
{
    if (r.start > r.end || r.end > len)
        abort();
}

#endif
