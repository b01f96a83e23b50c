package storage

import (
	"errors"
	"fmt"
	"sync"
)

// ErrNotAllowed: the person logged in is a volunteer (or the window is locked); a manager
// must do this.
var ErrNotAllowed = errors.New("only a manager can do this")

// session is who is at the desk. The store checks it in every action reserved to
// managers, whatever screen or button asked: hiding a button is not the protection.
// Without any session (entraidectl, run by whoever administers the computer, or an
// installation where nobody created accounts) everything is allowed.
type session struct {
	mu     sync.Mutex
	user   *User
	locked bool
}

// EndSession locks the store: until someone logs in again (Authenticate), the actions
// reserved to managers are refused.
func (s *Store) EndSession() {
	s.session.mu.Lock()
	defer s.session.mu.Unlock()
	s.session.user, s.session.locked = nil, true
}

func (s *Store) startSession(u User) {
	s.session.mu.Lock()
	defer s.session.mu.Unlock()
	s.session.user, s.session.locked = &u, false
}

// SessionUser is who is logged in, if anyone.
func (s *Store) SessionUser() (User, bool) {
	s.session.mu.Lock()
	defer s.session.mu.Unlock()
	if s.session.user == nil {
		return User{}, false
	}
	return *s.session.user, true
}

// RequireManager says whether the person at the desk may do what action names (in
// English, for logs and errors): refused to volunteers and while the window is locked.
func (s *Store) RequireManager(action string) error {
	s.session.mu.Lock()
	defer s.session.mu.Unlock()
	switch {
	case s.session.locked:
		return fmt.Errorf("%s while the window is locked: %w", action, ErrNotAllowed)
	case s.session.user != nil && s.session.user.Role == RoleVolunteer:
		return fmt.Errorf("%s by %s, a volunteer: %w", action, s.session.user.Name, ErrNotAllowed)
	}
	return nil
}
