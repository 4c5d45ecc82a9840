/* Test machinery only, never shipped: Rust's standard library (1.78+) asks Windows for random
 * bytes through ProcessPrng in bcryptprimitives.dll, which Debian 12's Wine 8 does not have.
 * This stand-in answers from RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 * scripts/windows.sh builds it with mingw into the test command's own Wine prefix. */
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
