package storage

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"
	"gorm.io/gorm"
)

// Roles.
const (
	RoleVolunteer   = "volunteer"   // check-in, households, directory
	RoleManager     = "manager"     // everything
	RoleCoordinator = "coordinator" // the CCAS
)

var (
	// ErrBadSecret: the PIN or passphrase does not match.
	ErrBadSecret = errors.New("wrong PIN")
	// ErrTooManyAttempts: wait before trying again (TooManyAttemptsError says how long).
	ErrTooManyAttempts = errors.New("too many wrong attempts")
)

// TooManyAttemptsError says how long to wait after repeated wrong PINs.
type TooManyAttemptsError struct{ Wait time.Duration }

func (e *TooManyAttemptsError) Error() string {
	return fmt.Sprintf("%v: wait %s", ErrTooManyAttempts, e.Wait.Round(time.Second))
}
func (e *TooManyAttemptsError) Unwrap() error { return ErrTooManyAttempts }

// MinPINLength: four digits at least.
const MinPINLength = 4

// User is a person who uses the installation.
type User struct {
	ID             string `gorm:"primaryKey"`
	Name           string
	Role           string
	SecretHash     []byte
	SecretSalt     []byte
	FailedAttempts int
	LastFailureAt  *time.Time
	DisabledAt     *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (User) TableName() string { return "users" }

func hashSecret(secret string, salt []byte) []byte {
	return argon2.IDKey([]byte(secret), salt, 2, 19*1024, 1, 32)
}

// AddUser creates an account.
func (s *Store) AddUser(ctx context.Context, name, role, secret string) (User, error) {
	if err := s.RequireManager("adding an account"); err != nil {
		return User{}, err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return User{}, &ValidationError{Problem: ProblemEmptyName, Field: "user_name"}
	}
	if !slices.Contains([]string{RoleVolunteer, RoleManager, RoleCoordinator}, role) {
		return User{}, &ValidationError{Problem: ProblemUnknownValue, Field: "role", Value: role}
	}
	if len([]rune(secret)) < MinPINLength {
		return User{}, &ValidationError{Problem: ProblemShortPIN, Field: "pin"}
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return User{}, err
	}
	u := User{ID: newID(), Name: name, Role: role, SecretSalt: salt, SecretHash: hashSecret(secret, salt)}
	if err := s.write(ctx).Create(&u).Error; err != nil {
		return u, fmt.Errorf("adding %s: %w", name, err)
	}
	return u, s.Audit(ctx, "", AuditUsers, "account added: "+role)
}

// Users lists the accounts that are not disabled, by name.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	var list []User
	err := s.reader.WithContext(ctx).Where("disabled_at IS NULL").Order("name COLLATE NOCASE").Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("listing accounts: %w", err)
	}
	return list, nil
}

// DisableUser closes an account; its name stays on what it recorded.
func (s *Store) DisableUser(ctx context.Context, id string) error {
	if err := s.RequireManager("disabling an account"); err != nil {
		return err
	}
	res := s.write(ctx).Model(&User{}).Where("id = ? AND disabled_at IS NULL", id).Update("disabled_at", s.now())
	if err := rowsOrNotFound(res, "disabling account"); err != nil {
		return err
	}
	return s.Audit(ctx, "", AuditUsers, "account disabled")
}

// throttle is the wait imposed after n wrong attempts in a row: none for the first three,
// then 2, 4, 8 … seconds, at most five minutes.
func throttle(n int) time.Duration {
	if n < 3 {
		return 0
	}
	return min(time.Duration(1<<min(n-2, 9))*time.Second, 5*time.Minute)
}

// Authenticate checks a user's PIN. Wrong attempts are counted and slow down the next ones.
func (s *Store) Authenticate(ctx context.Context, userID, secret string) (User, error) {
	var u User
	bad := false
	err := s.write(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Take(&u, "id = ? AND disabled_at IS NULL", userID).Error; err != nil {
			return notFound(err)
		}
		now := s.now()
		if u.LastFailureAt != nil {
			if wait := u.LastFailureAt.Add(throttle(u.FailedAttempts)).Sub(now); wait > 0 {
				return &TooManyAttemptsError{Wait: wait}
			}
		}
		if subtle.ConstantTimeCompare(hashSecret(secret, u.SecretSalt), u.SecretHash) != 1 {
			u.FailedAttempts++
			if err := tx.Model(&u).Updates(map[string]any{"failed_attempts": u.FailedAttempts, "last_failure_at": now}).Error; err != nil {
				return err
			}
			bad = true // committed, so that the count survives
			return audit(tx, now, u.Name, AuditLoginFailure, fmt.Sprintf("attempt %d", u.FailedAttempts))
		}
		return tx.Model(&u).Updates(map[string]any{"failed_attempts": 0, "last_failure_at": nil}).Error
	})
	if err != nil {
		return User{}, err
	}
	if bad {
		return User{}, ErrBadSecret
	}
	s.startSession(u)
	return u, nil
}
