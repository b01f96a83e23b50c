package main

import (
	"os"
	"strconv"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// workArea is the primary screen's room for windows (without task bars), in Fyne's units
// at scale (zero if unknown). GLFW is ready once the first window has been created.
func workArea(scale float32) fyne.Size {
	monitor := glfw.GetPrimaryMonitor()
	if monitor == nil || scale <= 0 {
		return fyne.Size{}
	}
	_, _, width, height := monitor.GetWorkarea()
	return fyne.NewSize(float32(width)/scale, float32(height)/scale)
}

// expectedScale guesses, before the window shows, the scale Fyne will draw at: the
// system's own (150 % on many Windows laptops) times FYNE_SCALE.
func expectedScale() float32 {
	scale := float32(1)
	if monitor := glfw.GetPrimaryMonitor(); monitor != nil {
		if x, _ := monitor.GetContentScale(); x > 0 {
			scale = x
		}
	}
	if v, err := strconv.ParseFloat(os.Getenv("FYNE_SCALE"), 32); err == nil && v > 0 {
		scale *= float32(v)
	}
	return scale
}
