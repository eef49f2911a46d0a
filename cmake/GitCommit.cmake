# The git commit is read at build time (not configure time), so `krapte --version`
# never reports a stale commit after a rebuild.
set(KRAPTE_GIT_COMMIT_CPP ${CMAKE_BINARY_DIR}/generated/git_commit.cpp)
add_custom_target(krapte_git_commit
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${KRAPTE_GIT_COMMIT_CPP}
          -P ${CMAKE_SOURCE_DIR}/cmake/WriteGitCommit.cmake
  BYPRODUCTS ${KRAPTE_GIT_COMMIT_CPP}
  COMMENT "Reading git commit")
