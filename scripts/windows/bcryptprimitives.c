/* A stand-in for Windows' bcryptprimitives.dll, for the tests under Wine only.
 * Go 1.22 and later take their random numbers from ProcessPrng in bcryptprimitives.dll,
 * which Windows 10 and 11 have and Wine 8 (Debian 12) lacks: every Go program then stops
 * at once. This ProcessPrng asks BCryptGenRandom, which Wine has. It is never shipped.
 * Built by scripts/wine-test.sh with x86_64-w64-mingw32-gcc -shared. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
