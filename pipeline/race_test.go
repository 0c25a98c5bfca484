//go:build race

package pipeline_test

// raceEnabled is true when the tests run under the race detector, which
// slows exports about tenfold; the 1,000-document batch then runs at a
// tenth of its size (task test runs it at full size without -race too).
const raceEnabled = true
