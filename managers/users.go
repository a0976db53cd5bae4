package managers

import (
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/mixins"
)

// UserSpec declares /users.
// GitLab API: https://docs.gitlab.com/api/users/
var UserSpec = &base.Spec{
	Name:        "users",
	Path:        "/users",
	ReprAttr:    "username",
	Ops:         base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{Optional: []string{"email", "username", "name", "password", "reset_password", "skype", "linkedin", "twitter", "projects_limit", "extern_uid", "provider", "bio", "admin", "can_create_group", "website_url", "skip_confirmation", "external", "organization", "location", "avatar", "public_email", "private_profile", "color_scheme_id", "theme_id"}},
	UpdateAttrs: base.RequiredOptional{Optional: []string{"email", "username", "name", "password", "skype", "linkedin", "twitter", "projects_limit", "extern_uid", "provider", "bio", "admin", "can_create_group", "website_url", "skip_reconfirmation", "external", "organization", "location", "avatar", "public_email", "private_profile", "color_scheme_id", "theme_id"}},
	ListFilters: []string{"username", "public_email", "search", "active", "external", "blocked", "humans", "created_after", "created_before", "exclude_active", "exclude_external", "exclude_humans", "exclude_internal", "without_project_bots", "extern_uid", "provider", "two_factor", "without_projects", "admins", "auditors", "skip_ldap", "custom_attributes", "status"},
	Types:       map[string]base.AttrType{"avatar": base.TypeImage, "confirm": base.TypeLowercase},
	DocsURL:     "https://docs.gitlab.com/api/users/",
}

// UserKeySpec declares /users/{user_id}/keys.
// GitLab API: https://docs.gitlab.com/api/user_keys/
var UserKeySpec = &base.Spec{
	Name:        "user_keys",
	Path:        "/users/{user_id}/keys",
	Parent:      "users",
	FromParent:  map[string]string{"user_id": "id"},
	Ops:         base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{Required: []string{"title", "key"}},
	DocsURL:     "https://docs.gitlab.com/api/user_keys/",
}

// CurrentUserSpec declares /user.
// GitLab API: https://docs.gitlab.com/api/users/
var CurrentUserSpec = &base.Spec{
	Name:     "current_user",
	Path:     "/user",
	IDAttr:   base.IDAttrNone,
	ReprAttr: "username",
	Ops:      base.OpGetWithoutID,
	DocsURL:  "https://docs.gitlab.com/api/users/",
}

// UserActivitiesSpec declares /user/activities.
// GitLab API: https://docs.gitlab.com/api/users/
var UserActivitiesSpec = &base.Spec{
	Name:    "user_activities",
	Path:    "/user/activities",
	IDAttr:  "username",
	Ops:     base.OpList,
	DocsURL: "https://docs.gitlab.com/api/users/",
}

// User is a GitLab user.
type User struct {
	*base.Object
	mixins.Saver
	mixins.ObjectDeleter
}

func newUser(o *base.Object) *User { return &User{o, mixins.NewSaver(o), mixins.NewObjectDeleter(o)} }

// UserManager manages users (gl.Users).
type UserManager struct {
	*base.Manager[*User]
	mixins.CRUD[*User]
}

// NewUserManager binds UserSpec to a core.
func NewUserManager(c *base.Core) *UserManager {
	m := base.NewManager(c, newUser)
	return &UserManager{m, mixins.NewCRUD(m)}
}

// Keys manages the user's SSH keys.
func (u *User) Keys() *UserKeyManager { return NewUserKeyManager(u.ChildCore(UserKeySpec)) }

// UserKey is an SSH key of a user.
type UserKey struct {
	*base.Object
	mixins.ObjectDeleter
}

func newUserKey(o *base.Object) *UserKey { return &UserKey{o, mixins.NewObjectDeleter(o)} }

// UserKeyManager manages a user's SSH keys.
type UserKeyManager struct {
	*base.Manager[*UserKey]
	mixins.NoUpdate[*UserKey]
}

// NewUserKeyManager binds UserKeySpec to a core.
func NewUserKeyManager(c *base.Core) *UserKeyManager {
	m := base.NewManager(c, newUserKey)
	return &UserKeyManager{m, mixins.NewNoUpdate(m)}
}

// CurrentUser is the authenticated user.
type CurrentUser struct{ *base.Object }

func newCurrentUser(o *base.Object) *CurrentUser { return &CurrentUser{o} }

// CurrentUserManager fetches the authenticated user (gl.CurrentUser).
type CurrentUserManager struct {
	*base.Manager[*CurrentUser]
	mixins.GetterWithoutID[*CurrentUser]
}

// NewCurrentUserManager binds CurrentUserSpec to a core.
func NewCurrentUserManager(c *base.Core) *CurrentUserManager {
	m := base.NewManager(c, newCurrentUser)
	return &CurrentUserManager{m, mixins.NewGetterWithoutID(m)}
}

// UserActivity is a user's last activity dates.
type UserActivity struct{ *base.Object }

func newUserActivity(o *base.Object) *UserActivity { return &UserActivity{o} }

// UserActivitiesManager lists users' last activities (administrators only;
// the from parameter sets the earliest date).
type UserActivitiesManager struct {
	*base.Manager[*UserActivity]
	mixins.Lister[*UserActivity]
}

// NewUserActivitiesManager binds UserActivitiesSpec to a core.
func NewUserActivitiesManager(c *base.Core) *UserActivitiesManager {
	m := base.NewManager(c, newUserActivity)
	return &UserActivitiesManager{m, mixins.NewLister(m)}
}
