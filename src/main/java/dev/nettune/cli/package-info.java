/**
 * Package cli provides what every nettune command line shares, on picocli: options are annotated
 * fields, and their help, their checks and their errors follow from that one definition.
 * {@link dev.nettune.cli.Cli} parses a command the same way for every entry point: {@code --help}
 * prints the help generated from the options and exits 0; bad input prints one line naming the option
 * and the value (an unknown option with the closest names and the list of options) and the usage
 * line, and exits 2.
 */
package dev.nettune.cli;
