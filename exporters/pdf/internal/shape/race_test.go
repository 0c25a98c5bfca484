//go:build race

package shape

// raceEnabled is set when the tests run under the race detector.
const raceEnabled = true
