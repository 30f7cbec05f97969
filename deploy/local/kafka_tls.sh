#!/usr/bin/env bash
# A certificate authority and the Kafka broker's certificate, with openssl, into DIR:
#   ca.pem (clients trust it), ca.key, broker.pem (the broker's key and certificate: a PEM keystore).
#
#   bash deploy/local/kafka_tls.sh DIR
#
# The broker's certificate names 127.0.0.1, localhost and kafka (the docker-compose host name).
# Used by deploy/local/kafka.sh (once) and by docker-compose's `tls` service.
set -euo pipefail
dir=${1:?usage: $0 DIR}
mkdir -p "$dir"
cd "$dir"
umask 077
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout ca.key -out ca.pem \
  -subj "/CN=Dekat local Kafka CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
openssl req -newkey rsa:2048 -nodes -keyout broker.key -out broker.csr -subj "/CN=kafka"
cat >broker.ext <<EXT
subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kafka
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
authorityKeyIdentifier=keyid
subjectKeyIdentifier=hash
EXT
openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 \
  -extfile broker.ext -out broker.crt
cat broker.key broker.crt >broker.pem
rm -f broker.csr broker.ext broker.key ca.srl
chmod 644 ca.pem broker.crt
