package pdf

// idle keeps up to its capacity of costly values (the fonts of a
// measurer, the tables of a zlib writer) between reports. It is not a
// sync.Pool: the garbage collector empties a pool at every cycle or two,
// and between two reports of a busy worker there is always one, so the
// values were built again for nearly every report.
type idle[T any] chan T

// take returns a kept value, or a new one from build.
func (c idle[T]) take(build func() (T, error)) (T, error) {
	select {
	case v := <-c:
		return v, nil
	default:
		return build()
	}
}

// put keeps v for a later report, or drops it when enough are kept.
func (c idle[T]) put(v T) {
	select {
	case c <- v:
	default:
	}
}
