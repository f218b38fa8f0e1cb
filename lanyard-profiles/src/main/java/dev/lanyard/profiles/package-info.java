/**
 * Profiles and presets for any Java program: {@link dev.lanyard.profiles.Profiles#session} signs a
 * program in with what {@code lanyard login} stored (the same {@code config.yaml}, the same token
 * store), and {@link dev.lanyard.profiles.Presets} gives the settings of services whose public
 * clients are documented. The command line reads its configuration through this module too.
 */
@NullMarked
package dev.lanyard.profiles;

import org.jspecify.annotations.NullMarked;
