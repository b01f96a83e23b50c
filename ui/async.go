package ui

import "fyne.io/fyne/v2"

// inBackground runs work off the UI thread and hands its result to done on the UI thread.
func inBackground[T any](work func() (T, error), done func(T, error)) {
	go func() {
		result, err := work()
		fyne.Do(func() { done(result, err) })
	}()
}
