/**
 * LabArchives on Lanyard: signed API requests, the browser sign-in through a loopback callback,
 * server-side web sign-in, and External App credentials, on Lanyard's provider plug-in point.
 *
 * <ul>
 *   <li>{@link dev.lanyard.labarchives.LabArchives}: configuration ({@code API_URL}, {@code
 *       ACCESS_KEYID}, {@code ACCESS_PWD}, from the environment and {@code .env}), signing, the
 *       login URL, and {@code login(email, code)}.
 *   <li>{@link dev.lanyard.labarchives.LabArchivesUser}: who signed in and their notebooks.
 *   <li>{@link dev.lanyard.labarchives.LabArchivesException}: LabArchives' error codes, split into
 *       authentication errors and the rest.
 * </ul>
 */
package dev.lanyard.labarchives;
