#!/bin/sh
# Creates the demo user (home /srv/ftp/$FTP_USER, kept in the volume) and runs vsftpd in the foreground.
set -eu
user="${FTP_USER:-user}"
password="${FTP_PASSWORD:-password}"
home="/srv/ftp/${user}"
if ! id "${user}" >/dev/null 2>&1; then
  adduser -D -H -h "${home}" -s /sbin/nologin "${user}"
fi
echo "${user}:${password}" | chpasswd
# A vsftpd built with PAM checks the login shell against /etc/shells (check_shell=NO covers the other builds).
grep -qx /sbin/nologin /etc/shells || echo /sbin/nologin >> /etc/shells
mkdir -p "${home}"
chown "${user}:${user}" "${home}"
exec vsftpd \
  -opasv_min_port="${PASV_MIN_PORT:-21000}" \
  -opasv_max_port="${PASV_MAX_PORT:-21010}" \
  /etc/vsftpd/vsftpd.conf
