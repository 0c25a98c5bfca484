//go:build race

package markdown

// raceEnabled is true under the race detector, whose slowdown says nothing
// about how time grows with input size.
const raceEnabled = true
