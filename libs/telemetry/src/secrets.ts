/** Hides credentials written into URLs (redis://user:password@host, kafka://…) in any text. */

// scheme://userinfo@ : everything between the scheme and the '@' is userinfo, which a
// URL may not contain unescaped '/', '@' or whitespace.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"]+@/gi;

export function maskUrlCredentials(text: string): string {
  return text.replace(URL_USERINFO, '$1[redacted]@');
}
