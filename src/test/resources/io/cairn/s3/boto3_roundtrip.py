# boto3 against Cairn: put/get with default checksums, multipart upload_file/download_file,
# list, delete. Args: endpoint access-key secret-key workdir. Prints BOTO3 OK on success.
import boto3, hashlib, os, sys, logging
from botocore.config import Config
endpoint, ak, sk, workdir = sys.argv[1:5]
logging.basicConfig(level=logging.WARNING)
s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=ak, aws_secret_access_key=sk,
                  region_name="us-east-1", config=Config(s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="boto")
s3.put_object(Bucket="boto", Key="small.txt", Body=b"hello boto")
r = s3.get_object(Bucket="boto", Key="small.txt", ChecksumMode="ENABLED")
assert r["Body"].read() == b"hello boto"
print("small ok", r["ResponseMetadata"]["HTTPHeaders"].get("x-amz-checksum-crc32"))
path = os.path.join(workdir, "big.bin")
with open(path, "wb") as f:
    f.write(os.urandom(20 * 1024 * 1024))
s3.upload_file(path, "boto", "big.bin")
down = os.path.join(workdir, "big.down")
s3.download_file("boto", "big.bin", down)
h = lambda p: hashlib.sha256(open(p, "rb").read()).hexdigest()
assert h(path) == h(down), "hash mismatch"
print("multipart ok", s3.head_object(Bucket="boto", Key="big.bin")["ETag"])
keys = [o["Key"] for o in s3.list_objects_v2(Bucket="boto")["Contents"]]
assert keys == ["big.bin", "small.txt"], keys
s3.delete_objects(Bucket="boto", Delete={"Objects": [{"Key": k} for k in keys]})
s3.delete_bucket(Bucket="boto")
print("BOTO3 OK")
