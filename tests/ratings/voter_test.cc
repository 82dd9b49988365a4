#include "ratings/voter.h"

#include <gtest/gtest.h>

namespace lede::ratings {
namespace {

TEST(VoterTest, SignedIdsVerifyAndTamperedOnesDoNot) {
  const VoterSigner signer(std::string(32, 'k'));
  const std::string id = signer.MintId();
  EXPECT_EQ(id.size(), 32u);
  EXPECT_NE(id, signer.MintId());
  const std::string cookie = signer.Sign(id);
  EXPECT_EQ(signer.Verify(cookie), id);

  std::string flipped = cookie;
  flipped[3] = flipped[3] == 'a' ? 'b' : 'a';  // another id, same signature
  EXPECT_FALSE(signer.Verify(flipped));
  std::string bad_mac = cookie;
  bad_mac.back() = bad_mac.back() == '0' ? '1' : '0';
  EXPECT_FALSE(signer.Verify(bad_mac));
  for (std::string_view junk : {"", ".", "abc", "zz.zz", "x\0y", "<script>"}) {
    EXPECT_FALSE(signer.Verify(junk)) << junk;
  }
  // Another site's secret does not vouch for this site's cookies.
  EXPECT_FALSE(VoterSigner(std::string(32, 'o')).Verify(cookie));
}

TEST(VoterTest, TheStoreSeesAKeyedHashNotTheId) {
  const VoterSigner signer(std::string(32, 'k'));
  const std::string id = signer.MintId();
  const std::string key = signer.StorageKey(id);
  EXPECT_EQ(key, signer.StorageKey(id));
  EXPECT_EQ(key.find(id), std::string::npos);
  EXPECT_NE(key, VoterSigner(std::string(32, 'o')).StorageKey(id));
}

TEST(VoterTest, CookieIsHttpOnlyAndLax) {
  const std::string cookie = VoterSetCookie("v", false);
  EXPECT_NE(cookie.find("lede_voter=v;"), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);
  EXPECT_NE(VoterSetCookie("v", true).find("; Secure"), std::string::npos);
}

}  // namespace
}  // namespace lede::ratings
