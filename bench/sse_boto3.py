#!/usr/bin/python3
# Server-side encryption's cost on a running Cairn: PUT and GET of one object, plain and under
# SSE-S3, SSE-KMS (key testkey-1, made with `bin/cairn kms create testkey-1`) and SSE-C, through
# boto3 (Debian's python3-boto3), median of RUNS, each GET checked against what was PUT.
#   AK=... SK=... bench/sse_boto3.py S3_PORT SIZE_MIB RUNS
# The client is the same for every mode, so the ratios to "plain" are what encryption costs.
import sys, time, os, base64, statistics
import boto3
from botocore.config import Config
port = sys.argv[1]; size = int(sys.argv[2]) << 20; runs = int(sys.argv[3])
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", aws_access_key_id=os.environ["AK"],
                  aws_secret_access_key=os.environ["SK"], region_name="us-east-1",
                  config=Config(s3={"addressing_style": "path", "payload_signing_enabled": False},
                                retries={"max_attempts": 1}))
try: s3.create_bucket(Bucket="ssebench")
except Exception: pass
data = os.urandom(size)
key = base64.b64decode("pO3upElrwuEXSoFwCfnZPdSsmt/xWeFa0N9KgDijwVs=")
modes = {
  "plain": {}, "SSE-S3": {"ServerSideEncryption": "AES256"},
  "SSE-KMS": {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "testkey-1"},
  "SSE-C": {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key},
}
res = {m: {"PUT": [], "GET": []} for m in modes}
for r in range(runs):
  for m, args in modes.items():
    t = time.perf_counter(); s3.put_object(Bucket="ssebench", Key=m, Body=data, **args); res[m]["PUT"].append(time.perf_counter() - t)
    g = {k: v for k, v in args.items() if k.startswith("SSEC")}
    t = time.perf_counter(); body = s3.get_object(Bucket="ssebench", Key=m, **g)["Body"].read(); res[m]["GET"].append(time.perf_counter() - t)
    assert body == data
for m in modes:
  print(f"{m:8s} PUT {size/2**20/statistics.median(res[m]['PUT']):7.1f} MiB/s   GET {size/2**20/statistics.median(res[m]['GET']):7.1f} MiB/s")
