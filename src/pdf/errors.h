/*
 * errors.h -- words for libharu's error codes.
 *
 * libharu reports failures as bare numbers (hpdf_error.h) with a detail
 * number whose meaning depends on the code. Users of brief never see those
 * numbers alone: the PDF backend turns them into text here.
 */
#ifndef BRIEF_PDF_ERRORS_H
#define BRIEF_PDF_ERRORS_H

#include <stddef.h>

/* Writes a short lower-case description of libharu error code with its
 * detail number into buf (always NUL-terminated, no trailing newline), e.g.
 * "the font has no 'cmap' table" for HPDF_TTF_MISSING_TABLE with detail 1,
 * or the system's reason for a file that cannot be opened. A code libharu
 * does not define is described as an unknown failure with its number. */
void pdf_error_text(unsigned long code, unsigned long detail,
                    char *buf, size_t size);

#endif
