package main

import (
	"syscall"
	"unsafe"
)

// showMessageBox shows a native Windows message box and waits for OK: a program built
// with -H=windowsgui has no console where an error could be read.
func showMessageBox(title, text string) {
	user32 := syscall.NewLazyDLL("user32.dll")
	box := user32.NewProc("MessageBoxW")
	t, err1 := syscall.UTF16PtrFromString(title)
	m, err2 := syscall.UTF16PtrFromString(text)
	if err1 != nil || err2 != nil || box.Find() != nil {
		return
	}
	const mbOK, mbIconError = 0x0, 0x10
	box.Call(0, uintptr(unsafe.Pointer(m)), uintptr(unsafe.Pointer(t)), mbOK|mbIconError)
}
