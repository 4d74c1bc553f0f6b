package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"baocao/internal/access"
	"baocao/internal/auth"
	"baocao/internal/config"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

const userUsage = `usage:
  baocao user create USERNAME -role admin|staff|agency [-unit CODE] [-name "Họ tên"] [-email ADDRESS]
  baocao user passwd USERNAME
  baocao user reset USERNAME
  baocao user disable USERNAME
  baocao user enable USERNAME
create and passwd read the new password from standard input (one line); reset
prints a generated password, to be changed at the next sign-in.`

// userCommand manages accounts for operators; in production the first
// admin is made this way.
func userCommand(ctx context.Context, args []string, cfg config.Config, logger *slog.Logger, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) < 2 {
		fmt.Fprintln(stderr, userUsage)
		return 2
	}
	verb, username := args[0], strings.ToLower(args[1])
	fs := flag.NewFlagSet("user "+verb, flag.ContinueOnError)
	fs.SetOutput(stderr)
	role := fs.String("role", "", "admin, staff or agency")
	unit := fs.String("unit", "", "the unit's code (required for agency)")
	name := fs.String("name", "", "display name")
	email := fs.String("email", "", "e-mail address")
	if err := fs.Parse(args[2:]); err != nil {
		return 2
	}
	pool, err := openMigrated(ctx, cfg, "user", logger)
	if err != nil {
		fmt.Fprintln(stderr, "baocao:", err)
		return 1
	}
	defer pool.Close()
	svc := auth.New(pool, auth.Settings{})
	readPassword := func() (string, error) {
		fmt.Fprint(stderr, "Mật khẩu mới: ")
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", errors.New("no password on standard input")
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	switch verb {
	case "create":
		pw, err := readPassword()
		if err == nil {
			knownUnit := func(code string) bool {
				v, err := postgres.CurrentCatalog(ctx, pool)
				if err != nil {
					return false
				}
				_, ok := v.Catalog.Unit(code)
				return ok
			}
			_, err = svc.CreateUser(ctx, auth.Operator, access.User{Username: username, Role: access.Role(*role),
				Unit: strings.ToUpper(*unit), DisplayName: *name, Email: *email}, pw, knownUnit)
		}
		if err != nil {
			return userFailed(stderr, err)
		}
		fmt.Fprintf(stdout, "đã tạo tài khoản %s (%s)\n", username, *role)
	case "passwd":
		pw, err := readPassword()
		if err == nil {
			err = svc.SetPassword(ctx, auth.Operator, username, pw)
		}
		if err != nil {
			return userFailed(stderr, err)
		}
		fmt.Fprintf(stdout, "đã đặt mật khẩu mới cho %s; các phiên đăng nhập của tài khoản đã kết thúc\n", username)
	case "reset":
		pw, err := svc.ResetPassword(ctx, auth.Operator, username)
		if err != nil {
			return userFailed(stderr, err)
		}
		fmt.Fprintf(stdout, "mật khẩu tạm của %s: %s\nngười dùng phải đổi mật khẩu khi đăng nhập; các phiên đăng nhập và khóa truy cập API của tài khoản đã kết thúc\n", username, pw)
	case "disable", "enable":
		if err := svc.SetActive(ctx, auth.Operator, username, verb == "enable"); err != nil {
			return userFailed(stderr, err)
		}
		fmt.Fprintf(stdout, "tài khoản %s: %s\n", username, map[string]string{"disable": "đã khóa", "enable": "đã mở khóa"}[verb])
	default:
		fmt.Fprintln(stderr, userUsage)
		return 2
	}
	return 0
}

func userFailed(stderr io.Writer, err error) int {
	var fe *domain.FieldError
	switch {
	case errors.As(err, &fe):
		fmt.Fprintf(stderr, "baocao: %s: %s\n", fe.Field, cliFieldMessages[fe.Code])
	case errors.Is(err, domain.ErrNotFound):
		fmt.Fprintln(stderr, "baocao: không có tài khoản này")
	case errors.Is(err, domain.ErrConflict):
		fmt.Fprintln(stderr, "baocao: tên đăng nhập đã được dùng")
	default:
		fmt.Fprintln(stderr, "baocao:", err)
	}
	return 1
}

var cliFieldMessages = map[string]string{
	access.PasswordTooShort:  "mật khẩu phải có ít nhất 10 ký tự",
	access.PasswordCommon:    "mật khẩu quá phổ biến",
	access.PasswordIsAccount: "mật khẩu không được chứa tên đăng nhập",
	"invalid":                "giá trị không hợp lệ",
	"required":               "thiếu thông tin bắt buộc",
	"unknown":                "không có trong danh mục hiện hành",
}
