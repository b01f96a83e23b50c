package ui

import (
	"time"

	"fyne.io/fyne/v2"
)

// worker decides where background work runs. The program runs it on a goroutine and
// hands the result to the UI thread with fyne.Do; tests run it inline, or hold it to
// finish tasks in the order they choose.
type worker struct {
	// spawn runs task off the UI thread; task returns what to do on the UI thread.
	spawn func(task func() func())
	// after calls fn on the UI thread once d has passed (typing pauses).
	after func(d time.Duration, fn func())
	// ui runs fn on the UI thread, from background work (progress bars).
	ui func(fn func())
}

func goroutineWorker() worker { return goroutineWorkerOn(fyne.Do) }

// goroutineWorkerOn runs tasks on goroutines and hands what touches the screen to do, the
// UI thread (fyne.Do; the race test gives a lock standing for the one UI thread, which
// Fyne's test driver does not have).
func goroutineWorkerOn(do func(func())) worker {
	return worker{
		spawn: func(task func() func()) {
			go func() {
				finish := task()
				do(finish)
			}()
		},
		after: func(d time.Duration, fn func()) {
			time.AfterFunc(d, func() { do(fn) })
		},
		ui: do,
	}
}

// inBackground runs work off the UI thread and gives its result to done on the UI thread.
func inBackground[T any](a *App, work func() (T, error), done func(T, error)) {
	a.worker.spawn(func() func() {
		result, err := work()
		return func() { done(result, err) }
	})
}
