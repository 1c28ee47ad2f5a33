/*
 * tracking — the short code printed on a receipt, which a visitor types
 * back at the kiosk or reaches through the ticket's QR code.
 *
 * Seven symbols from an alphabet of 31 that leaves out the look-alikes
 * 0/O, 1/I/L: six random symbols and a check symbol. With a prime alphabet
 * size and position weights 1..7, the weighted sum mod 31 changes under
 * any single wrong symbol and under any swap of two neighbours, so both
 * typos are always caught. Shown grouped as "K7M-4QX9".
 */
#ifndef SERAMBI_CORE_TRACKING_H
#define SERAMBI_CORE_TRACKING_H

#include <stdint.h>

#define TRACKING_ALPHABET     "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#define TRACKING_DATA_SYMBOLS 6
#define TRACKING_SYMBOLS      7
#define TRACKING_SIZE         9 /* "ABC-DEFG" + NUL */
#define TRACKING_RANDOM_BYTES 8

/* Makes a code from random bytes, written as "ABC-DEFG". */
void tracking_make(const uint8_t random[TRACKING_RANDOM_BYTES], char out[TRACKING_SIZE]);

/*
 * Reads what a visitor typed: case, spaces and hyphens do not matter.
 * Returns 0 and writes the canonical "ABC-DEFG" form; -EINVAL when the
 * length or a symbol is wrong (the code cannot be one of ours); -EBADMSG
 * when the check symbol does not match (a typo). Either way the visitor is
 * asked to check the code.
 */
int tracking_normalize(const char *input, char out[TRACKING_SIZE]);

#endif
