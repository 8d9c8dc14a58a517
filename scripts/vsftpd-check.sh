#!/usr/bin/env bash
# End-to-end check against a packaged FTP server: starts vsftpd on 127.0.0.1:2122 with a throwaway local user,
# delivers the seed query's result to it through the running local stack (bin/tideway up), and compares bytes.
# Needs root and Debian's vsftpd (apt-get install vsftpd). Not part of `mvn test`: it changes the machine's users.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port=2122
user=tideway-ftp
password="pw-$RANDOM$RANDOM"
work=$(mktemp -d)

command -v vsftpd >/dev/null || { echo "vsftpd is not installed: apt-get install vsftpd" >&2; exit 1; }
id "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$user"
echo "$user:$password" | chpasswd
home=$(getent passwd "$user" | cut -d: -f6)
rm -rf "$home/reports"
mkdir -p /var/run/vsftpd/empty

cat > "$work/vsftpd.conf" <<CONF
listen=YES
listen_address=127.0.0.1
listen_port=$port
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
pasv_enable=YES
pasv_address=127.0.0.1
pasv_min_port=40000
pasv_max_port=40100
seccomp_sandbox=NO
secure_chroot_dir=/var/run/vsftpd/empty
pam_service_name=vsftpd
background=NO
xferlog_enable=YES
vsftpd_log_file=$work/vsftpd.log
CONF
vsftpd "$work/vsftpd.conf" &
ftpd=$!
trap 'kill $ftpd 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1

"$repo/bin/tideway" up >/dev/null
"$repo/bin/td" query --result "ftp://$user:$password@127.0.0.1:$port/reports/path.csv" -w -d testdb \
  "SELECT * FROM (VALUES ('a','b'),('c',' d '),('e','f')) t(_c0,_c1)"

expected=$'_c0,_c1\r\na,b\r\nc," d "\r\ne,f\r\n'
actual=$(cat "$home/reports/path.csv"; printf x)
if [ "${actual%x}" == "$expected" ]; then
  echo "vsftpd holds reports/path.csv, byte-exact:"; od -c "$home/reports/path.csv" | head -5
else
  echo "MISMATCH: vsftpd holds:"; od -c "$home/reports/path.csv"; exit 1
fi
