//go:build race

package text

// raceEnabled is true when the tests run under the race detector, which
// slows them about tenfold: the exhaustive wrapping checks then use
// shorter strings.
const raceEnabled = true
