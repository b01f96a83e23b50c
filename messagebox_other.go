//go:build !windows

package main

// showMessageBox has nothing to show on Linux: the message is in stderr and the log.
func showMessageBox(title, text string) {}
