/**
 * LabArchives on Lanyard: signed API requests, and the three ways a person signs in, each ending in
 * the user with their notebooks.
 *
 * <ul>
 *   <li>{@link dev.lanyard.labarchives.LabArchives}: configuration ({@code API_URL}, {@code
 *       ACCESS_KEYID}, {@code ACCESS_PWD}, from the environment and {@code .env}), signing, the
 *       login URL, External App credentials ({@code login(email, token)}), a user's notebooks asked
 *       again.
 *   <li>{@link dev.lanyard.labarchives.LabArchivesBrowserLogin}: a person at this machine, through
 *       a loopback callback; {@link dev.lanyard.labarchives.LabArchivesWebLogin}: a web application
 *       that owns its callback URL.
 *   <li>{@link dev.lanyard.labarchives.LabArchivesUser}: who signed in and their {@link
 *       dev.lanyard.labarchives.Notebook}s, by name.
 *   <li>{@link dev.lanyard.labarchives.LabArchivesException}: LabArchives' error codes, split into
 *       authentication errors and the rest.
 * </ul>
 */
package dev.lanyard.labarchives;
